FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper --non-interactive in git
RUN zypper install -y vim && zypper in --no-confirm less && zypper -qn up
RUN zypper refresh && zypper search nginx && zypper clean -a
