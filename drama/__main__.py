"""python -m drama"""
from .cli import main

main()
