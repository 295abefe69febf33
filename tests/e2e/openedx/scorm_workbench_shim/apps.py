"""The real location string: the workbench's mock ``location`` gets the block's usage id as ``block_id``."""

from django.apps import AppConfig


class ShimConfig(AppConfig):
    name = "scorm_workbench_shim"

    def ready(self):
        from workbench.runtime import WorkbenchRuntime

        patch_xblock = WorkbenchRuntime._patch_xblock

        def with_block_id(runtime, block):
            patch_xblock(runtime, block)
            block.location.block_id = str(block.scope_ids.usage_id)

        WorkbenchRuntime._patch_xblock = with_block_id
