from tthc.cli import main

main()
