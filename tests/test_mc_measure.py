"""The MC measure: number literals judged by their value and where they stand."""

from __future__ import annotations

import pytest

from declean.principles.mc import McThresholds, measure
from declean.tools.cparse import parse, text
from declean.tools.magic_numbers import magic_literals, numeric_value


def magic(body: str, prelude: str = "") -> list[str]:
    """The magic literals of ``body``, written in a function of ``count``, ``price`` and ``line``."""
    source = (
        f"#include <stdio.h>\n{prelude}\nstatic int measured(int count, double price, char line[])\n{{\n"
        f"{body}\n    return 0;\n}}\n"
    )
    return [text(node) for node in magic_literals(parse(source).root_node)]


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("12", 12.0),
        ("0x1F", 31.0),
        ("017", 15.0),
        ("2.5f", 2.5),
        ("10UL", 10.0),
        ("-1", -1.0),
        ("1e3", 1000.0),
    ],
)
def test_numeric_values(literal: str, value: float) -> None:
    assert numeric_value(literal) == value


@pytest.mark.parametrize(
    "body",
    [
        "    int half = count / 2; count += half * 2 - 1;",
        "    int found = -1; double half = 0.5 * found;",
        '    if (scanf("%d %d", &count, &count) != 2) return 1;',
        '    while (sscanf(line, "%d %d %d", &count, &count, &count) == 3) { }',
        '    int got; if ((got = scanf("%d", &count)) != 1) return 1;',
        '    printf("%d", count * 100 / (count + 1));',
        '    printf("%.1f", 100.0 * price);',
        '    printf("%c%c", line[3], line[9]);',
        "    double volume = 4.0 / 3.0 * price;",
        "    int digits = 0; while (count > 0) { digits += count % 10; count /= 10; }",
        '    printf("%zu", sizeof(int) * sizeof line);',
    ],
)
def test_not_magic(body: str) -> None:
    assert magic(body) == []


def test_definitions_are_not_magic() -> None:
    prelude = (
        "#define RATE 0.15\n#if 3 > 2\n#endif\nenum { WEEK = 7 };\nstatic const int LIMIT = 40;\n"
        "static const int TABLE[] = {60, 24, 7};"
    )
    assert (
        magic('    const double VAT = 0.07; printf("%f %d", RATE * VAT, LIMIT + TABLE[0] + WEEK);', prelude)
        == []
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('    printf("%f", price * 0.15);', ["0.15"]),
        ("    double hours[7]; for (int day = 0; day < 7; day++) hours[day] = price;", ["7", "7"]),
        ('    printf("%d %d", count / 3600, count % 60);', ["3600", "60"]),
        ('    printf("%f", price / 10);', ["10"]),
        ("    switch (count) { case 3: break; default: break; }", ["3"]),
        ("    fgets(line, 64, stdin);", ["64"]),
        ('    printf("%f", price * 3 / 7 + 32);', ["3", "7", "32"]),
        ('    printf("%c", line[11]);', ["11"]),
    ],
)
def test_magic(body: str, expected: list[str]) -> None:
    assert magic(body) == expected


def test_measure_reports_repeated_values_and_one_literal_is_enough() -> None:
    source = (
        "#include <stdio.h>\nint main(void)\n{\n    double hours[7] = {0};\n"
        "    for (int day = 0; day < 7; day++) {\n        hours[day] = day * 0.5;\n    }\n"
        '    printf("%f\\n", hours[3] * 0.15);\n    return 0;\n}\n'
    )
    evidence = measure(parse(source))
    assert evidence.values == {"magic_literals": 3, "repeated_values": 1, "named_constants": 0}
    assert evidence.examples == ["line 4: 7 (written 2 times)", "line 8: 0.15"]
    assert evidence.violated
    assert not measure(parse(source), McThresholds(magic_literals=4)).violated


def test_the_constants_of_well_known_formulas_are_not_magic() -> None:
    """The definition excuses them: temperature scales and the Gregorian leap-year rule."""
    temperatures = (
        "#include <stdio.h>\nint main(void) {\n    for (int celsius = -20; celsius <= 40; celsius += 10) {\n"
        "        double fahrenheit = celsius * 9 / 5 + 32;\n        double kelvin = celsius + 273.15;\n"
        '        printf("%d %.1f %.2f\\n", celsius, fahrenheit, kelvin);\n    }\n    return 0;\n}\n'
    )
    leap = "int is_leap(int year) {\n    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;\n}\n"
    measured = measure(parse(temperatures))
    assert measured.values["magic_literals"] == 3, measured.examples  # the loop's -20, 40 and 10 stay magic
    assert measure(parse(leap)).score == 0
    assert measure(parse("int quarter(int month) { return month % 4; }\n")).score == 1
