"""Loading and validating course source into the pydantic models."""

from packager.course.loader import load_course
from packager.course.models import Course, Lesson, Quiz

__all__ = ["Course", "Lesson", "Quiz", "load_course"]
