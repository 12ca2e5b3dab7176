ARG PULLSPEC=alpine:3.20
ARG FIRST=first-stage
FROM ${PULLSPEC} AS ${FIRST}
RUN echo one > /out

FROM first-stage
COPY --from=first-stage /out /out
