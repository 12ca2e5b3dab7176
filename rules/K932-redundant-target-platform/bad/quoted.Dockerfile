from --platform="$TARGETPLATFORM" debian:12
