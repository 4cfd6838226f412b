from yswd.cli import main

main()
