# syntax=docker/dockerfile:1
FROM alpine:3.20
COPY <<EOF /root/.ssh/id_ed25519
-----BEGIN OPENSSH PRIVATE KEY-----
bRI2q03IH+XGJ/C3pKldJEDiI/d3OL/zGGXifCn9qtU5KbRu/oNnVmsyW1EXuF0E
Vo11cLQEYlSEn0uD9RAc/OvJOvjgGhVDRQrnxy5FwSHRbNnprdHyQmcmieuDkn6z
UxZHDsywLmzlEkTwBKIWzUIVm9s4EUPcH3QCVv6Nau3qRJ8hC4a1PfAc+ClDDC4z
7k+gTofCNEpygKwtRVjNBP5ACQMEu4GN+jCDeT7vchuo0aZuqH6L1eNk+IFOsDf7
Olcy1eG0uqI=
-----END OPENSSH PRIVATE KEY-----
EOF
RUN chmod 600 /root/.ssh/id_ed25519
