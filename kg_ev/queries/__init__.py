"""The named SPARQL queries shipped with kg_ev (``*.rq``); see :mod:`kg_ev.querying`."""
