"""Rule packs: safe YAML loading with line numbers, schema validation, `extends`, compilation."""

from newslint.packs.loader import Pack, Rule, load_packs, shipped_pack_names, shipped_rules_dir

__all__ = ["Pack", "Rule", "load_packs", "shipped_pack_names", "shipped_rules_dir"]
