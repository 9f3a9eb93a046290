"""The decree's own vocabulary (Valtioneuvoston asetus 1168/2016 and the police's manual):
rejection reasons, permit types and the decree's sections grouped into the upload's steps.

Plain data and labels, no models: every layer above (photos, the officer side, reports,
the API and X-Road) speaks these words, so they live below all of them."""
