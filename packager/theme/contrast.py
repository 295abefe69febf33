"""WCAG 2.x contrast: relative luminance and contrast ratio of sRGB colours (pure functions)."""

from __future__ import annotations

import math

TEXT = 4.5
"""WCAG 1.4.3 (AA): normal text."""
NON_TEXT = 3.0
"""WCAG 1.4.11 (AA) and 1.4.3 for large text: controls' boundaries, focus indicators, large text."""


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` or ``#rgb`` as three 0-255 channels."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(channels: tuple[float, float, float]) -> str:
    """Three 0-255 channels as ``#rrggbb``."""
    return "#" + "".join(f"{round(min(255.0, max(0.0, value))):02x}" for value in channels)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.x definition), 0 for black to 1 for white."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(first: str, second: str) -> float:
    """Contrast ratio of two colours, 1 to 21, whichever is lighter."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(value: float) -> str:
    """A ratio as people write it, rounded down so a failing one never reads as the threshold."""
    return f"{math.floor(value * 100) / 100:g}:1"


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way toward ``other``."""
    start, end = rgb(colour), rgb(other)
    red, green, blue = (a + (b - a) * amount for a, b in zip(start, end, strict=True))
    return hex_colour((red, green, blue))


def readable_on(colour: str, choices: tuple[str, ...]) -> str:
    """The choice with the highest contrast against ``colour``."""
    return max(choices, key=lambda choice: ratio(choice, colour))


def toward_contrast(colour: str, backgrounds: tuple[str, ...], needed: float) -> str:
    """``colour`` moved toward white or black (away from the first background) until it has
    ``needed`` contrast against every one, in small steps, so a brand colour keeps its hue."""
    target = "#ffffff" if luminance(backgrounds[0]) < 0.18 else "#000000"
    for step in range(41):
        moved = mix(colour, target, step / 40)
        if all(ratio(moved, background) >= needed for background in backgrounds):
            return moved
    return target
