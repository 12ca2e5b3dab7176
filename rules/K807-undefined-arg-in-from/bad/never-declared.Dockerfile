FROM ${REGISTRY}/app:${TAG:-latest}
