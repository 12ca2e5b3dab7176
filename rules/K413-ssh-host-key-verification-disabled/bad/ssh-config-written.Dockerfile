FROM debian:bookworm
RUN echo "StrictHostKeyChecking no" >> /etc/ssh/ssh_config
RUN mkdir -p /root/.ssh && printf 'Host *\n\tStrictHostKeyChecking no\n' > /root/.ssh/config
RUN sed -i 's/#   StrictHostKeyChecking ask/StrictHostKeyChecking no/' /etc/ssh/ssh_config
RUN bash -c "echo 'StrictHostKeyChecking=no' >> ~/.ssh/config"
