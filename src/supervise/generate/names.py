"""Invented names: small lists of common first names and surnames, combined at random.

Nothing here is anybody's record: staff are "first surname" pairs drawn from the lists below and
children are a first name and an initial, so no row can be mistaken for real personal data.
"""

from __future__ import annotations

import random

STAFF_FIRST = (
    "Aisha", "Alex", "Amelia", "Amir", "Beth", "Callum", "Chloe", "Chris", "Dan", "Deborah",
    "Eleanor", "Emma", "Fatima", "Femi", "Gareth", "Grace", "Hannah", "Harvey", "Imran", "Isla",
    "Jade", "James", "Jasmine", "Joanne", "Jordan", "Karen", "Kwame", "Laura", "Leah", "Lewis",
    "Maria", "Mark", "Megan", "Michelle", "Mohammed", "Naomi", "Nathan", "Nicola", "Olivia",
    "Omar", "Paul", "Priya", "Rachel", "Rebecca", "Rhys", "Ruth", "Sam", "Sarah", "Shanice",
    "Simon", "Sophie", "Stacey", "Tom", "Tariq", "Vicky", "Wei", "Yasmin", "Zoe",
)  # fmt: skip
STAFF_SURNAME = (
    "Adams", "Ahmed", "Ali", "Allen", "Baker", "Bennett", "Brown", "Campbell", "Carter", "Chen",
    "Clarke", "Cooper", "Davies", "Edwards", "Evans", "Fisher", "Green", "Hall", "Harris", "Hughes",
    "Hussain", "Jackson", "James", "Johnson", "Jones", "Kaur", "Khan", "King", "Lewis", "Martin",
    "Mensah", "Mitchell", "Moore", "Morgan", "Murphy", "Nowak", "Okafor", "Owen", "Parker",
    "Patel", "Phillips", "Price", "Roberts", "Robinson", "Scott", "Shah", "Singh", "Smith",
    "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Williams",
    "Wilson", "Wood", "Wright", "Young",
)  # fmt: skip
CHILD_FIRST = (
    "Aaliyah", "Alfie", "Amara", "Archie", "Ava", "Bella", "Billy", "Caleb", "Daisy", "Dylan",
    "Ellie", "Elsie", "Ethan", "Evie", "Finley", "Freya", "George", "Harley", "Harper", "Ibrahim",
    "Isaac", "Ivy", "Jacob", "Jayden", "Kai", "Kayla", "Leo", "Lily", "Logan", "Luna", "Maisie",
    "Mason", "Mia", "Millie", "Musa", "Noah", "Nevaeh", "Oscar", "Poppy", "Reggie", "Riley",
    "Rosie", "Ruby", "Sienna", "Skye", "Teddy", "Theo", "Tyler", "Willow", "Zain", "Zara",
)  # fmt: skip
INITIALS = "ABCDEFGHJKLMNPRSTWY"
AREAS = (
    "Northgate", "Southmoor", "Eastbrook", "Westfield", "Riverside", "Hillcrest", "Oakdale",
    "Marshfield", "Ashvale", "Brookhurst", "Castleford Vale", "Deanwood", "Elmstead", "Fernley",
    "Greystone", "Hawthorn", "Kingsmead", "Larkrise", "Millbrook", "Newbury Heath", "Orchard Park",
    "Pennyfield", "Queensway", "Redhill", "Stonebridge", "Thornbury", "Upton Green", "Willowbank",
)  # fmt: skip


def staff_name(rng: random.Random) -> tuple[str, str]:
    """A (first name, surname) pair."""
    return rng.choice(STAFF_FIRST), rng.choice(STAFF_SURNAME)


def child_name(rng: random.Random) -> str:
    """A first name and an initial, as case-management exports pseudonymise them: "Amara K."."""
    return f"{rng.choice(CHILD_FIRST)} {rng.choice(INITIALS)}."


def area(index: int) -> str:
    """The name of the `index`-th locality (numbered once the list runs out)."""
    name = AREAS[index % len(AREAS)]
    return name if index < len(AREAS) else f"{name} {index // len(AREAS) + 1}"
