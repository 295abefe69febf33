"""A labelled graphic: an image with numbered markers, each opening a short text.

    ::: graphic
    ![A counselling room with a desk, two chairs and a door](media/room.png)
    ## The door @ 85, 40
    What the door stands for.
    ## The desk @ 30, 70
    What the desk stands for.
    :::

The image comes first; each heading names a marker and ends with its place on the image, in percent
from the image's left and top edges (an image is never mirrored, so neither are the markers). Each
marker is a button (``aria-expanded``, ``aria-controls``) whose text opens below the image, so it
never covers the picture on a phone. Opened markers stay open across resume.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import model_validator

from packager.blocks.base import BlockBase, BlockType

PLACE = re.compile(r"^(?P<label>.*?\S)\s*@\s*(?P<x>\d+(?:\.\d+)?)\s*,\s*(?P<y>\d+(?:\.\d+)?)\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(")


class Graphic(BlockBase):
    type: Literal["graphic"]
    item_word: ClassVar[str] = "marker"
    takes_lead: ClassVar[bool] = True

    @model_validator(mode="after")
    def _image_and_places(self) -> Graphic:
        if len(IMAGE.findall(self.lead)) != 1:
            raise ValueError(
                "a graphic starts with one image, before its first marker: "
                "'![What the image shows](media/picture.png)'"
            )
        for number, item in enumerate(self.items, start=1):
            place = PLACE.match(item.title)
            if place is None or float(place["x"]) > 100 or float(place["y"]) > 100:
                raise ValueError(
                    f"marker {number} ('{item.title}'): a marker's heading ends with its place on the "
                    "image, in percent from the left and from the top: '## The door @ 85, 40'"
                )
        return self

    def markers(self) -> list[dict[str, str]]:
        """Each marker's label and place (percent from the image's left and top)."""
        found = []
        for item in self.items:
            place = PLACE.match(item.title)
            assert place is not None  # checked above
            found.append({"label": place["label"], "x": place["x"], "y": place["y"]})
        return found

    def state_size(self) -> int:
        return len(self.items)


TEMPLATE = """\
{% from "block_panels.html" import panel %}
{% set markers = block.markers() %}
<div class="block graphic" data-block="{{ number }}" data-block-type="graphic">
  <div class="graphic-figure">
{{ lead }}
{% for item in items %}
    <button type="button" class="graphic-marker" id="{{ item.id }}-marker" data-x="{{ markers[item.index].x }}" data-y="{{ markers[item.index].y }}" aria-expanded="false" aria-controls="{{ item.id }}-note"><span class="graphic-number" aria-hidden="true">{{ loop.index }}</span><span class="graphic-label vh">{{ markers[item.index].label }}</span></button>
{% endfor %}
  </div>
{% for item in items %}
{% call panel(item, "graphic-note panel", "marker", suffix="note") %}
    <h{{ level }} class="graphic-note-title"><span class="graphic-number" aria-hidden="true">{{ loop.index }}</span> {{ markers[item.index].label }}</h{{ level }}>
{%- endcall %}
{% endfor %}
</div>
"""

SCRIPT = """\
/* Labelled graphic block: markers placed on the image; each opens or closes its text below it. */
window.CoursePackager.blockTypes.graphic = function (element, progress) {
  element.querySelectorAll(".graphic-marker").forEach((marker) => {
    marker.style.left = marker.getAttribute("data-x") + "%";
    marker.style.top = marker.getAttribute("data-y") + "%";
  });
  window.CoursePackager.toggleItems(element, ".graphic-marker", progress);
};
"""

CSS = """\
.graphic-figure { position: relative; }
.graphic-figure > p { margin: 0; }
.graphic-figure img { display: block; inline-size: 100%; block-size: auto; border-radius: var(--radius); }
.graphic-marker { position: absolute; transform: translate(-50%, -50%); inline-size: 2.75rem; block-size: 2.75rem; border-radius: 50%; border: 3px solid var(--background); background: var(--accent); color: var(--accent-text); font-weight: 700; box-shadow: 0 0 0 2px var(--accent); padding: 0; }
.graphic-marker[aria-expanded="true"] { background: var(--text); color: var(--background); box-shadow: 0 0 0 2px var(--text); }
.graphic-note { margin-block-start: 0.75rem; border-inline-start: 6px solid var(--accent); }
.graphic-note-title { margin: 0 0 0.25rem; font-size: 1.05rem; display: flex; gap: 0.5rem; align-items: center; }
.graphic-note-title .graphic-number { display: inline-grid; place-items: center; inline-size: 1.6rem; block-size: 1.6rem; border-radius: 50%; background: var(--accent); color: var(--accent-text); font-size: 0.85rem; flex: none; }
"""

EXAMPLE = """\
::: graphic
![Two shapes: a circle at the top left and a square at the bottom right](media/graphic-example.svg)
## The circle @ 25, 25
Each heading is a marker: its label, then '@' and its place in percent from the left and the top.
## The square @ 75, 75
The image comes first, then the markers.
:::
"""

EXAMPLE_IMAGE = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 240" width="400" height="240">
  <rect width="400" height="240" fill="#e8eef6"/>
  <circle cx="100" cy="60" r="40" fill="#7a9cc6"/>
  <rect x="260" y="140" width="80" height="80" fill="#c69a7a"/>
</svg>
"""

BLOCK_TYPE = BlockType(
    model=Graphic,
    template=TEMPLATE,
    script=SCRIPT,
    css=CSS,
    example=EXAMPLE,
    example_files={"media/graphic-example.svg": EXAMPLE_IMAGE},
)
