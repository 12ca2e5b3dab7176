from node:22 AS build
