# A member of a class hierarchy is left for a person: making it async alone breaks the
# other implementations, and the callers through the base class.
from abc import ABC, abstractmethod
from typing import override


class Repository(ABC):
    def describe_all(self):
        return fetch_user(0).name


class Shape:
    def area(self):
        return fetch_user(1).size


class Square(Shape):
    def area(self):
        return fetch_user(2).size


class Handler(BaseHandler):
    @override
    def handle_event(self, event):
        fetch_user(event).ok
