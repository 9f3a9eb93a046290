"""The numbers of decree 1168/2016 for photos delivered through the photo server (2 §, 9 §)."""

WIDTH = 500
HEIGHT = 653
MAX_FILE_BYTES = 250_000  # "250 kilotavua"; read as SI kilobytes, the stricter reading

CENTRE_MAX_OFFSET = 21
CROWN_TO_CHIN = (445, 500)
CROWN_MARGIN = (56, 84)  # crown distance from the top edge
CHIN_MARGIN = (96, 124)  # chin distance from the bottom edge

# Inputs larger than this are refused before any pixel is decoded (decompression bombs).
MAX_INPUT_PIXELS = 60_000_000
MAX_INPUT_BYTES = 50_000_000
# Below this no face can be measured; such a file is refused as unreadable, not assessed.
MIN_INPUT_SIDE = 64
