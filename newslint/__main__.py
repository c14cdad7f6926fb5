"""`python -m newslint` runs the command-line interface."""

from newslint.cli import main

if __name__ == "__main__":
    main()
