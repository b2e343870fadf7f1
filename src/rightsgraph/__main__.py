from .console import run

run(prog_name="rightsgraph")  # usage lines and shell completion as for the installed command
