FROM debian:bookworm
# StrictHostKeyChecking=no would accept any key; we keep it on.
RUN grep -q "StrictHostKeyChecking no" /etc/ssh/ssh_config && exit 1 || true
RUN sed -i 's/StrictHostKeyChecking no/StrictHostKeyChecking yes/' /etc/ssh/ssh_config
RUN echo "StrictHostKeyChecking yes" >> /etc/ssh/ssh_config
