import {
  type FactorSet,
  factorSetFromRows,
  type ImportWarning,
  type MaterialCsvRow,
  type TransportCsvRow,
} from './factor-registry.ts';

/**
 * The first factor version, embedded so the app can seed the registry without reading files.
 * The rows are copied verbatim (as text, with their source, year and note columns) from
 * packages/domain/data/emission-factors.csv and packages/domain/data/transport-factors.csv,
 * in file order; they go through the same validation as an admin's reviewed import.
 */
export const EMBEDDED_FACTOR_VERSION = '2026-11-defra-ice-v1';
export const EMBEDDED_FACTOR_CREATED_AT = '2026-11-26T00:00:00.000Z';

/** packages/domain/data/emission-factors.csv */
export const EMBEDDED_MATERIAL_ROWS: readonly MaterialCsvRow[] = [
  {
    material_key: 'wood_average_defra',
    material_label_fr: 'Bois (moyenne, construction)',
    material_label_en: 'Wood (construction average)',
    virgin_kgco2e_per_kg: '0.2695',
    reuse_kgco2e_per_kg_if_known: '0.03854',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope) IDs 19_500_5048_15_1 / 19_500_5049_15_1",
    year: '2025',
    note: "Primary material production=269.50416 kgCO2e/t; Re-used=38.54288 kgCO2e/t. 'Re-used' read as emissions of the re-use route (collection/preparation), NOT a credit -> avoided approx. 0.231 kg/kg (interpretation, check DESNZ methodology paper). 2024 values identical.",
  },
  {
    material_key: 'wood_sawn_softwood',
    material_label_fr: 'Bois massif résineux scié',
    material_label_en: 'Sawn softwood',
    virgin_kgco2e_per_kg: '0.2',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Fossil CO2e only; excludes biogenic carbon/sequestration (biogenic CO2 0.39 kg/kg reported separately). No reuse factor in ICE; use DEFRA wood re-used 0.0385 as proxy (unverified proxy).',
  },
  {
    material_key: 'wood_sawn_hardwood',
    material_label_fr: 'Bois massif feuillus scié',
    material_label_en: 'Sawn hardwood',
    virgin_kgco2e_per_kg: '0.24',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'ICE notes hardwood data uncertain (CORRIM). Biogenic CO2 0.63 kg/kg excluded.',
  },
  {
    material_key: 'wood_general_ice',
    material_label_fr: 'Bois (mix général UK)',
    material_label_en: 'Timber general (UK mix)',
    virgin_kgco2e_per_kg: '0.31',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'UK 2007 consumption mix of timber products.',
  },
  {
    material_key: 'plywood',
    material_label_fr: 'Contreplaqué',
    material_label_en: 'Plywood',
    virgin_kgco2e_per_kg: '0.45',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Biogenic CO2 0.65 kg/kg excluded.',
  },
  {
    material_key: 'mdf',
    material_label_fr: 'Panneau de fibres MDF',
    material_label_en: 'MDF',
    virgin_kgco2e_per_kg: '0.39',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Density range 350-800 kg/m3. Biogenic 0.35 excluded. Common laser-cutting sheet.',
  },
  {
    material_key: 'particleboard',
    material_label_fr: 'Panneau de particules (aggloméré)',
    material_label_en: 'Particleboard',
    virgin_kgco2e_per_kg: '0.54',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'ICE: very large data range. Biogenic 0.32 excluded.',
  },
  {
    material_key: 'osb',
    material_label_fr: 'Panneau OSB',
    material_label_en: 'Oriented strand board (OSB)',
    virgin_kgco2e_per_kg: '0.45',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Biogenic 0.54 excluded.',
  },
  {
    material_key: 'cotton_yarn',
    material_label_fr: 'Fil de coton conventionnel',
    material_label_en: 'Conventional cotton yarn',
    virgin_kgco2e_per_kg: '16.3699',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Yarn (fibre+spinning), default origin China; weaving/dyeing excluded so woven/dyed fabric is higher. Recycled cotton yarn (mechanical) = 1.02499 (post-consumer) / 1.42207 (production waste). Exact commit unverified.',
  },
  {
    material_key: 'cotton_fabric_ice',
    material_label_fr: 'Tissu coton',
    material_label_en: 'Cotton fabric',
    virgin_kgco2e_per_kg: '6.78',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: "kgCO2 (not CO2e), boundary 'not specified' (ICE ref 38); much lower than Base Impacts yarn -> prefer cotton_yarn; listed for comparison only.",
  },
  {
    material_key: 'polyester_filament',
    material_label_fr: 'Filament polyester',
    material_label_en: 'Polyester filament',
    virgin_kgco2e_per_kg: '10.2505',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Recycled PET filament (mechanical, from bottles) = 6.58922; chemical complete 6.99213. Exact commit unverified.',
  },
  {
    material_key: 'wool_yarn',
    material_label_fr: 'Fil de laine de mouton',
    material_label_en: 'Sheep wool yarn',
    virgin_kgco2e_per_kg: '80.2769',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Very high because sheep farming (CH4) is allocated to wool; merino yarn 73.8467. Recycled wool yarn (mechanical, production waste) = 0.495013 -> reuse/recycling benefit is large but allocation-sensitive.',
  },
  {
    material_key: 'polyamide66_filament',
    material_label_fr: 'Filament polyamide 66',
    material_label_en: 'Nylon 6,6 filament',
    virgin_kgco2e_per_kg: '13.6468',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Recycled PA yarn (mechanical) = 5.22649.',
  },
  {
    material_key: 'acrylic_fibre',
    material_label_fr: 'Filament acrylique',
    material_label_en: 'Acrylic fibre',
    virgin_kgco2e_per_kg: '18.4288',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Recycled acrylic yarn (mechanical) = 6.56515.',
  },
  {
    material_key: 'viscose_filament',
    material_label_fr: 'Filament de viscose',
    material_label_en: 'Viscose filament',
    virgin_kgco2e_per_kg: '7.99002',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Recycled viscose yarn (mechanical) = 6.46416.',
  },
  {
    material_key: 'linen_yarn',
    material_label_fr: 'Fil de lin (filasse)',
    material_label_en: 'Linen yarn (long fibre)',
    virgin_kgco2e_per_kg: '16.7281',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ADEME Base Impacts textile processes as embedded in MTES-MCT/ecobalyse (ex-Wikicarbone) src/Data/Process.elm early version (~2021-22); field climateChange = kgCO2e per kg',
    year: '2022',
    note: 'Hemp yarn 19.5483; jute yarn 12.9611; silk yarn 18.5727.',
  },
  {
    material_key: 'clothing_average_defra',
    material_label_fr: 'Vêtements (moyenne)',
    material_label_en: 'Clothing (average)',
    virgin_kgco2e_per_kg: '22.31',
    reuse_kgco2e_per_kg_if_known: '0.15225',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope) IDs 19_501_5060_15_1 / 19_501_5061_15_1",
    year: '2025',
    note: "Primary=22310 kgCO2e/t; Re-used=152.25 kgCO2e/t. Garment-level, not fabric offcuts; good generic 'textile reuse' pair.",
  },
  {
    material_key: 'leather_bovine',
    material_label_fr: 'Cuir bovin',
    material_label_en: 'Bovine leather',
    virgin_kgco2e_per_kg: '',
    reuse_kgco2e_per_kg_if_known: '',
    source: "one4leather.com 'The real carbon footprint of leather' citing leather PEFCR (COTANCE)",
    year: 'n/a',
    note: 'NOT FOUND per kg. Only per-m2 livestock allocation for full-grain bovine hides 2.7-5.39 kgCO2e/m2 (farming share only, excludes tanning). Do not use without a proper source (e.g. Base Empreinte / ecoinvent).',
  },
  {
    material_key: 'steel_virgin_ademe',
    material_label_fr: 'Acier ou fer blanc (première fonte)',
    material_label_en: 'Steel or tinplate (primary)',
    virgin_kgco2e_per_kg: '3.19',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "ADEME Guide des facteurs d'emissions Bilan Carbone v6.1 ch.5 (juin 2010) - values quoted by construction-carbone.fr 'L'acier de construction: combien de CO2 ?' (2011)",
    year: '2010',
    note: "870 kg eq.C/t x 44/12 = 3190 kgCO2e/t. Recycled steel 300 kg eq.C/t = 1.10 kgCO2e/kg (recycling, not reuse). Superseded by Base Carbone/Base Empreinte: re-check current 'Acier ou fer blanc' values. Secondary citation = unverified.",
  },
  {
    material_key: 'steel_ice',
    material_label_fr: 'Acier (général)',
    material_label_en: 'Steel (general)',
    virgin_kgco2e_per_kg: '2.89',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Virgin 2.89; EU average (59% recycled) 1.46; world average 1.95; recycled 0.47.',
  },
  {
    material_key: 'metal_scrap_defra',
    material_label_fr: 'Métaux (ferraille, mélange)',
    material_label_en: 'Scrap metal (mixed)',
    virgin_kgco2e_per_kg: '3.47312',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: "Primary 3473.11953 kgCO2e/t; closed-loop source 1706.42359 (recycling, not reuse). Construction 'Metals' primary 3824.09 / closed-loop 1638.74.",
  },
  {
    material_key: 'aluminium_ice',
    material_label_fr: 'Aluminium (général)',
    material_label_en: 'Aluminium (general)',
    virgin_kgco2e_per_kg: '12.79',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Virgin 12.79; average (33% recycled) 9.16; recycled 1.81. DEFRA 2025 aluminium cans & foil: primary 9.11590, closed-loop 0.99508.',
  },
  {
    material_key: 'copper_ice',
    material_label_fr: 'Cuivre (tube et tôle UE)',
    material_label_en: 'Copper (EU tube & sheet)',
    virgin_kgco2e_per_kg: '3.81',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Virgin 3.81; average (37% recycled) 2.71; recycled 0.84. ICE warns world average likely higher.',
  },
  {
    material_key: 'pp_defra',
    material_label_fr: 'Polypropylène (PP)',
    material_label_en: 'Polypropylene (PP)',
    virgin_kgco2e_per_kg: '2.57757',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Incl. forming. Closed-loop (recycled) source 1.31257.',
  },
  {
    material_key: 'hdpe_defra',
    material_label_fr: 'Polyéthylène haute densité (PEHD)',
    material_label_en: 'HDPE',
    virgin_kgco2e_per_kg: '3.09516',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Incl. forming. Closed-loop 1.77079.',
  },
  {
    material_key: 'ldpe_defra',
    material_label_fr: 'Polyéthylène basse densité (PEBD/PEBDL)',
    material_label_en: 'LDPE/LLDPE',
    virgin_kgco2e_per_kg: '2.96508',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Incl. forming. Closed-loop 1.09790.',
  },
  {
    material_key: 'pet_defra',
    material_label_fr: 'PET',
    material_label_en: 'PET',
    virgin_kgco2e_per_kg: '3.8639',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Incl. forming. Closed-loop 2.21390.',
  },
  {
    material_key: 'pvc_defra',
    material_label_fr: 'PVC',
    material_label_en: 'PVC',
    virgin_kgco2e_per_kg: '2.94476',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Incl. forming. Closed-loop 1.84782.',
  },
  {
    material_key: 'ps_defra',
    material_label_fr: 'Polystyrène (PS)',
    material_label_en: 'Polystyrene (PS)',
    virgin_kgco2e_per_kg: '4.3768',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Incl. forming. Closed-loop 2.66976.',
  },
  {
    material_key: 'plastics_average_defra',
    material_label_fr: 'Plastiques (moyenne)',
    material_label_en: 'Plastics (average)',
    virgin_kgco2e_per_kg: '3.1725',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Average rigid 3.35428; average film 2.91651.',
  },
  {
    material_key: 'pmma_acrylic_sheet',
    material_label_fr: 'PMMA / plexiglas (plaque)',
    material_label_en: 'PMMA / acrylic sheet',
    virgin_kgco2e_per_kg: '',
    reuse_kgco2e_per_kg_if_known: '',
    source: 'not found',
    year: 'n/a',
    note: "NOT FOUND in any source reached. Only proxy: DEFRA 'average plastic rigid' 3.35428 kg/kg (proxy, unverified for PMMA). Get PlasticsEurope PMMA eco-profile or Base Empreinte before use.",
  },
  {
    material_key: 'abs_ice',
    material_label_fr: 'ABS',
    material_label_en: 'ABS',
    virgin_kgco2e_per_kg: '3.76',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Polymer, excludes fabrication.',
  },
  {
    material_key: 'polycarbonate_ice',
    material_label_fr: 'Polycarbonate',
    material_label_en: 'Polycarbonate',
    virgin_kgco2e_per_kg: '7.62',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      'ICE v2.0 Inventory of Carbon & Energy (Hammond & Jones, Univ. of Bath, 2011) - via github mamhoff/datasets embodied/ice/v2 (commit b33b25ba); cradle-to-gate; massCO2ePerMass',
    year: '2011',
    note: 'Polymer, excludes fabrication.',
  },
  {
    material_key: 'glass_defra',
    material_label_fr: 'Verre',
    material_label_en: 'Glass',
    virgin_kgco2e_per_kg: '1.40277',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope) ID 19_501_5056_15_1",
    year: '2025',
    note: 'Closed-loop 0.82319. ICE v2: primary glass 0.91, secondary 0.59, toughened 1.35.',
  },
  {
    material_key: 'paper_defra',
    material_label_fr: 'Papier',
    material_label_en: 'Paper',
    virgin_kgco2e_per_kg: '1.34508',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Closed-loop 1.05008. Mixed paper&board 1.28850.',
  },
  {
    material_key: 'cardboard_defra',
    material_label_fr: 'Carton (board)',
    material_label_en: 'Paper board / cardboard',
    virgin_kgco2e_per_kg: '1.19973',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope)",
    year: '2025',
    note: 'Closed-loop 1.09811.',
  },
  {
    material_key: 'food_drink_defra',
    material_label_fr: 'Produits alimentaires (moyenne)',
    material_label_en: 'Food and drink (average)',
    virgin_kgco2e_per_kg: '3.7014',
    reuse_kgco2e_per_kg_if_known: '',
    source:
      "UK DESNZ/DEFRA GHG Conversion Factors for Company Reporting 2025 - 'Material use' (read from IDEMSInternational/carbonr R/sysdata.rda uk_gov_data; column 'GHG Conversion Factor 2025'; UK scope) ID 19_501_5064_15_1",
    year: '2025',
    note: 'Average food & drink. Food BY-PRODUCTS (spent grain, pomace, whey...) usually carry little or no allocated burden; applying 3.70 overstates benefit -> use only as upper bound (unverified for by-products).',
  },
];

/** packages/domain/data/transport-factors.csv */
export const EMBEDDED_TRANSPORT_ROWS: readonly TransportCsvRow[] = [
  {
    vehicle_key: 'van_diesel_avg_defra',
    label_fr: 'Véhicule utilitaire léger diesel (≤3,5 t, moyenne)',
    label_en: 'Van diesel average (<=3.5 t)',
    kgco2e_per_vehicle_km: '0.25561',
    kgco2e_per_tonne_km: '0.6313',
    source: 'DESNZ/DEFRA 2025 Freighting goods IDs 27_303_3102_4_1 / 27_303_3102_14_1',
    year: '2025',
    note: 'Direct (tank-to-wheel) CO2e; add WTT 0.06128/km, 0.15095/t.km (IDs 28_906_3102_4_1/_14_1). UK fleet & load factors.',
  },
  {
    vehicle_key: 'van_bev_avg_defra',
    label_fr: 'VUL électrique (≤3,5 t)',
    label_en: 'Van battery electric (<=3.5 t)',
    kgco2e_per_vehicle_km: '0.06976',
    kgco2e_per_tonne_km: '0.21992',
    source: 'DESNZ/DEFRA 2025 Freighting goods IDs 27_303_3108_4_1 / _14_1',
    year: '2025',
    note: 'Uses UK grid electricity; French grid is much lower carbon -> overstates for France.',
  },
  {
    vehicle_key: 'hgv_all_avg_laden_defra',
    label_fr: 'Poids lourd diesel (tous, charge moyenne)',
    label_en: 'HGV all diesel, average laden',
    kgco2e_per_vehicle_km: '0.89121',
    kgco2e_per_tonne_km: '0.10163',
    source: 'DESNZ/DEFRA 2025 IDs 27_304_3140_4_1 / 27_304_3140_14_1',
    year: '2025',
    note: 'WTT add 0.21154/km, 0.02359/t.km.',
  },
  {
    vehicle_key: 'hgv_rigid_avg_laden_defra',
    label_fr: 'Porteur diesel (charge moyenne)',
    label_en: 'Rigid HGV diesel, average laden',
    kgco2e_per_vehicle_km: '0.83751',
    kgco2e_per_tonne_km: '0.19748',
    source: 'DESNZ/DEFRA 2025 IDs 27_304_3124_4_1 / _14_1',
    year: '2025',
    note: 'WTT add 0.20099/km, 0.04332/t.km.',
  },
  {
    vehicle_key: 'hgv_artic_avg_laden_defra',
    label_fr: 'Ensemble articulé diesel (charge moyenne)',
    label_en: 'Articulated HGV diesel, average laden',
    kgco2e_per_vehicle_km: '0.92854',
    kgco2e_per_tonne_km: '0.078',
    source: 'DESNZ/DEFRA 2025 IDs 27_304_3136_4_1 / _14_1',
    year: '2025',
    note: '',
  },
  {
    vehicle_key: 'truck_fr_unspecified_baseimpacts',
    label_fr: 'Transport en camion non spécifié France',
    label_en: 'Truck, unspecified, France',
    kgco2e_per_vehicle_km: '',
    kgco2e_per_tonne_km: '0.269575',
    source: 'ADEME Base Impacts (ecoinvent-derived) via MTES-MCT/ecobalyse early src/Data/Process.elm',
    year: '~2022',
    note: "Includes fleet, use and infrastructure ('50%' load). EU (RER) truck 0.156105, GLO 0.204544 kgCO2e/t.km.",
  },
  {
    vehicle_key: 'ademe_base_carbone_road',
    label_fr: 'Base Carbone - transport routier de marchandises (VUL, porteurs, articulés)',
    label_en: 'ADEME Base Carbone road freight',
    kgco2e_per_vehicle_km: '',
    kgco2e_per_tonne_km: '',
    source: "ADEME Base Carbone documentation 'Routier' (2025 update based on GLEC v3.1, Feb 2025)",
    year: '2025',
    note: 'VALUES NOT RETRIEVED (documentation page only). Fetch the official per-vehicle kgCO2e/km and kgCO2e/t.km from Base Carbone before production use.',
  },
];

const embedded = factorSetFromRows({
  version: EMBEDDED_FACTOR_VERSION,
  createdAt: EMBEDDED_FACTOR_CREATED_AT,
  materialRows: EMBEDDED_MATERIAL_ROWS,
  transportRows: EMBEDDED_TRANSPORT_ROWS,
});

/** The first version as a validated factor set. Rows without a value (leather, PMMA, ADEME Base
 * Carbone road) are not factors: they are listed in `EMBEDDED_FACTOR_WARNINGS`. */
export const EMBEDDED_FACTOR_SET: FactorSet = embedded.factorSet;
export const EMBEDDED_FACTOR_WARNINGS: readonly ImportWarning[] = embedded.warnings;
