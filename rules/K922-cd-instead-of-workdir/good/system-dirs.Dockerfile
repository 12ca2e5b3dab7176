FROM python:3.12
RUN cd /usr/local/bin && ln -s python3 python
RUN cd /etc/yum.repos.d && curl -LO https://example.com/extra.repo
RUN cd /opt && curl -fsSL https://example.com/tool.tgz | tar xz
RUN set -eux; cd "${PHP_INI_DIR%/php}"; sed -i 's/a/b/' php.ini
RUN cd / && tar xf /tmp/rootfs.tar
RUN cd /root/.ssh && chmod 600 *
