from timeline.entry import main

main()
