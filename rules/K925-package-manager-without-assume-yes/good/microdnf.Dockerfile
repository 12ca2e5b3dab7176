FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf --nodocs install shadow-utils && microdnf clean all
RUN microdnf -y install tar
