FROM opensuse/leap:15.6
RUN zypper refresh && zypper install curl && zypper clean -a
RUN zypper in -n git
