from .cli import main

main(prog_name="rightsgraph")  # usage lines and shell completion as for the installed command
