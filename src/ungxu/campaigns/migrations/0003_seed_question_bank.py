"""Seed the quiz bank from the shipped starter bank (idempotent: only missing keys are added)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ungxu.campaigns.question_bank import seed_starter_bank

    seed_starter_bank(apps.get_model("campaigns", "BankQuestion"))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_question_bank")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
