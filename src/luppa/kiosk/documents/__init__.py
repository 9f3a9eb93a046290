"""Travel documents: the printed MRZ, the chip's DG1/DG2 and SOD, passive authentication."""
