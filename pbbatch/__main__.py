from pbbatch.cli import main

main()
