"""Exports for other tools: the map as W3C DPV linked data (`dpv`, JSON-LD and, via
rdflib, Turtle) and the DPA 2018 Schedule 1 catalogue as data (`schedule1`)."""
