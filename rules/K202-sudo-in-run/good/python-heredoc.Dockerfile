FROM python:3.12
RUN <<EOF
#!/usr/bin/env python3
sudo = "not a command"
print(sudo)
EOF
USER 10001
