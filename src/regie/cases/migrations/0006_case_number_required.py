from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_number_existing_cases")]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="cover_code",
            field=models.CharField(max_length=20, unique=True),
        ),
        migrations.AlterField(
            model_name="case",
            name="number",
            field=models.CharField(max_length=20, unique=True, verbose_name="case number"),
        ),
    ]
