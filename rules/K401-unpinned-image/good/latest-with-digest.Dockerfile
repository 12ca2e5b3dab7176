# A digest pins the image, whatever the tag says.
FROM python:latest@sha256:9c1b2a8f4e7d6c5b4a3928170f6e5d4c3b2a19087f6e5d4c3b2a190817263544
