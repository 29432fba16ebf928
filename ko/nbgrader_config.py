"""nbgrader configuration of the Korean edition (한국어판): ko/ is its course root.

Everything here is generated: `make release` builds ko/solutions/ (the Korean instructor notebooks, from the English
ones and the catalogues in i18n/ko/) and ko/notebooks/ (the Korean student releases). An instructor of a Korean class
runs the same commands as for the English course, from this folder: `cd ko && nbgrader generate_assignment
ch01_tensors`, `nbgrader autograde ch01_tensors`, or `python -m autograder grade ko/solutions/ch01_tensors/...`
(docs/instructors.ko.md).
"""

c = get_config()  # noqa: F821  (injected by traitlets)
load_subconfig("../nbgrader_config.py")  # noqa: F821  the English course's settings, then what differs

c.CourseDirectory.course_id = "tf-keras-course-ko"
