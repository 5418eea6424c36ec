from django.db import migrations, models


def keep_the_written_text(apps, schema_editor):
    """Notifications from before messages keep their sentence as the `plain` message."""
    Notification = apps.get_model("notifications", "Notification")
    rows = list(Notification.objects.only("pk", "text"))
    for row in rows:
        row.params = {"text": row.text}
    Notification.objects.bulk_update(rows, ["params"], batch_size=1000)


def write_the_text(apps, schema_editor):
    from standort.notifications.messages import render

    Notification = apps.get_model("notifications", "Notification")
    rows = list(Notification.objects.only("pk", "message", "params"))
    for row in rows:
        row.text = render(row.message, row.params)[:500]
    Notification.objects.bulk_update(rows, ["text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_follow_idea"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="message",
            field=models.CharField(default="plain", max_length=40, verbose_name="message"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="values"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="text",
            field=models.CharField(default="", max_length=500, verbose_name="text"),
        ),
        migrations.RunPython(keep_the_written_text, write_the_text),
        migrations.RemoveField(model_name="notification", name="text"),
    ]
