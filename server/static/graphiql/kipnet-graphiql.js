// Starts GraphiQL for kipnet's /graphql (an external file: the page's CSP forbids inline scripts).
// Log in with the `login` mutation, then put the token into the Headers tab:
//   {"Authorization": "Bearer <token>"}
(function () {
  "use strict";
  var EXAMPLE_QUERY = [
    "# kipnet: KIP Basel-Landschaft's directory and grants.",
    "# Run with Ctrl-Enter (texts follow Accept-Language).",
    "# To act as a user: run the login mutation below,",
    "# then put into the Headers tab underneath:",
    '#   {"Authorization": "Bearer <token>"}',
    "",
    "{",
    '  organisation(slug: "ald") {',
    "    name",
    "    acronym",
    "    services { totalCount edges { node { name languages } } }",
    "  }",
    "}",
    "",
    "# mutation {",
    "#   login(input: {",
    '#     email: "admin@demo.kipnet.example"',
    '#     password: "…"',
    "#   }) { token errors { message } }",
    "# }",
    "",
  ].join("\n");

  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });

  function KipnetGraphiQL() {
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: EXAMPLE_QUERY,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      // The headers (with the token) stay in this browser's storage for this origin, never in the URL.
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(KipnetGraphiQL));
})();
