from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0006_programme_owner')]

    initial = False

    operations = [
        # The programme owner's logo is data too: the portal shows it beside the owner's name.
        ops.AddField(
            model_name='Organisation',
            name='logo_svg',
            field=fields.TextField(null=True, unique=False, description='Its logo as an SVG document, null if none.'),
        ),
    ]
