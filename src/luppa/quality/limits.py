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
# The service's own caps, tighter than the above, checked from the header before decoding:
# A permit photo is 500×653 px (0.33 Mpx). A finished photo (at most 250 kB) holding more
# than this is no camera original but a trick (a compressed plane of zeros), and decoding
# it would cost hundreds of megabytes.
MAX_UPLOAD_PIXELS = 4_000_000
# A 24-megapixel camera original (6000×4000), to be framed, fits: framing one raised a
# worker's peak memory by about 0.3 GB (266 → 581 MB).
CAMERA_MAX_PIXELS = 25_000_000
# Below this no face can be measured; such a file is refused as unreadable, not assessed.
MIN_INPUT_SIDE = 64
