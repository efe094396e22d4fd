"""Hardened, parallel grading of one module of a workshop, on nbgrader's own gradebook.

One module per step of one submission (docs/grading.md has the why):

1. :mod:`.sanitise` (grader process): the submitted file is parsed as data only, size caps first.
   nbgrader's own ``ClearOutput`` and ``OverwriteCells`` (with ``add_missing_cells``) restore test
   cells, points and ids from the gradebook. What was tampered with is noted as a flag.
2. :mod:`.answers` (sandbox, :mod:`alaskaki.workshop.sandbox`): the participant's code cells run in
   an IPython shell inside bubblewrap, each submission in namespaces of its own; at every test cell
   the answer variables that cell reads come back as plain JSON. Test cells are not run there.
3. :mod:`.judge` (grader process): the test cells from the instructor source (setup cell and hidden
   tests included) run against those values with the participant's true id (the
   ``submitted/<pid>`` folder name). Flags and incidents are decided here from what the trusted
   side saw.
4. :mod:`.record`: the autograded notebook is written like nbgrader's, and nbgrader's
   ``SaveAutoGrades`` and ``AssignLatePenalties`` put the grades into the gradebook. A marker file
   then says the submission is done, so an interrupted run resumes where it stopped.

:mod:`.module` reads the workshop and the module's source once; :mod:`.run` holds one
:class:`~.run.Run` (the workshop, the module, the gradebook session, the settings, the results)
and drives the steps: 1, 3 and 4 in the main thread, 2 for ``workers`` submissions at a time.
"""

from alaskaki import skip_iri_checker

# The grader imports nbformat (so jsonschema) wherever it is called from: the CLI skips the IRI
# checker's 1.2 s import already, the Python API (`alaskaki.workshop.grader`, benches, the
# dashboard's calls) did not (issue 17 goal 6).
skip_iri_checker()
