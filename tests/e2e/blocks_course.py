"""The browser tests' course of lesson blocks: one lesson of known blocks, one of every installed
block's own example (so a block added by another package is tried too), and a plain lesson."""

from __future__ import annotations

from pathlib import Path

from packager.blocks.registry import block_types

BLOCKS_LESSON = """\
---
title: Working with a former partner
---
Some text before the blocks.

## Things to know

::: callout warning Before you reply
Do not agree to anything on the spot.
:::

::: accordion
### Why not help?
A shared history gets in the way.
### What to say
Thank them and explain kindly.
### Who to tell
Your supervisor.
:::

::: tabs Ways to respond
### In person
Be brief and kind.
### By message
Reply the same day.
### By phone
Offer a referral.
:::

::: flipcards
### Conflict of interest
Your feelings compete with the client's needs.
### Loss of objectivity
Honest feedback gets hard.
:::

::: process
### Listen
Hear the request out.
### Decline
Say you cannot work with them.
### Refer
Offer another specialist.
:::

::: graphic
![Two shapes: a circle at the top left and a square at the bottom right](media/graphic-example.svg)
### The circle @ 25, 25
Round and small.
### The square @ 75, 75
Square and brown.
:::

::: scenario Sam asks for help
### Sam calls
Sam, a former partner, asks you to be their specialist.
#### Say yes -> Working together
You agree on the spot.
#### Ask for a day to think -> The next day
You promise an answer tomorrow.
### The next day
What do you tell Sam?
#### Refer Sam to a colleague -> Sam is referred
A colleague with no shared history can see Sam this week.
#### Say you are too busy -> Sam waits
Sam says they will wait for you.
### Working together {poor}
Your shared history gets in the way.
### Sam waits {poor}
Sam has no support and no referral.
### Sam is referred {good}
Sam gets support from someone with no shared history.
:::
"""

COURSE_YAML = """\
id: blocks-course
title: Blocks course
description: Every lesson block.
language: en
version: "1"
completion: lessons
lessons:
  - lessons/01-blocks.md
  - lessons/02-every-block.md
  - lessons/03-after.md
"""


def write_blocks_course(folder: Path) -> Path:
    """Write the course into ``folder``; returns it."""
    (folder / "lessons").mkdir(parents=True)
    (folder / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (folder / "lessons" / "01-blocks.md").write_text(BLOCKS_LESSON, encoding="utf-8")
    examples = "\n".join(kind.example for kind in block_types().values())
    for kind in block_types().values():
        for relative, text in kind.example_files.items():
            (folder / "lessons" / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / "lessons" / relative).write_text(text, encoding="utf-8")
    (folder / "lessons" / "02-every-block.md").write_text(
        f"---\ntitle: Every block\n---\nEach installed block's example.\n\n{examples}", encoding="utf-8"
    )
    (folder / "lessons" / "03-after.md").write_text("---\ntitle: After\n---\nThe end.\n", encoding="utf-8")
    return folder
