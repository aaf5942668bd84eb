import re

from django.core.exceptions import ValidationError

NHS_NUMBER_WEIGHTS = range(10, 1, -1)  # 10 down to 2 over the first nine digits
# ASCII digits only: str.isdigit() and regex \d also accept superscripts and Arabic-Indic digits, which
# int() then refuses (a 500) or reads as 0-9 (so "٩٤٣..." slipped past the per-practice duplicate check).
TEN_ASCII_DIGITS = re.compile(r"[0-9]{10}", re.ASCII)


def nhs_number_problem(value: str) -> str | None:
    """Why value is not a valid NHS number (10 digits, Modulus 11 check digit), or None."""
    digits = normalise_nhs_number(value)
    if not TEN_ASCII_DIGITS.fullmatch(digits):
        return "An NHS number has exactly 10 digits."
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], NHS_NUMBER_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        return "This NHS number's check digit is wrong: please check it was typed correctly."
    return None


def validate_nhs_number(value: str) -> None:
    problem = nhs_number_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_nhs_number")


def normalise_nhs_number(value: str) -> str:
    return value.replace(" ", "")
