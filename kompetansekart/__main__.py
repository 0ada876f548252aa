from kompetansekart.reports.cli import app

app(prog_name="kompetansekart")
