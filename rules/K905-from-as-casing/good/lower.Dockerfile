from node:22 as build
