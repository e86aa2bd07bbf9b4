// Run graphql-http's GraphQL-over-HTTP audit against a served endpoint; print the results as JSON.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url });
const report = [];
for (const result of results) {
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    entry.reason = result.reason;
    entry.response = result.response ? {
      status: result.response.status,
      contentType: result.response.headers.get('content-type'),
      body: await result.response.text(),
    } : null;
  }
  report.push(entry);
}
console.log(JSON.stringify(report));
