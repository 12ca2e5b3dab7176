FROM --platform=$BUILD_PLATFORM golang:1.23
