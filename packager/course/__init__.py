"""Loading and validating course source into the pydantic models."""

from packager.course.loader import course_file_problem, load_course
from packager.course.models import Course, Lesson, Quiz

__all__ = ["Course", "Lesson", "Quiz", "course_file_problem", "load_course"]
