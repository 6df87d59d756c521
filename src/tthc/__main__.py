from tthc.cli import app

app(prog_name="tthc")
