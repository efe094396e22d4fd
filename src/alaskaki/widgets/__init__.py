"""Interactive ipywidgets UIs for the modules, in Bahasa Indonesia.

Widgets teach and explore; nothing is graded from a widget (its state does not survive re-execution).
Every number they show comes from :mod:`alaskaki.domain`. Import each from its own module, e.g.
``from alaskaki.widgets.costing import kalkulator_biaya``:

* ``costing.kalkulator_biaya`` — bill of materials, leather price, cutting loss, exchange rate → HPP
* ``pricing.tangga_harga`` — EXW → FOB/FCA → CFR → CIF ladder beside the supply chain for an Incoterm
* ``origin.panduan_ska`` — which certificate of origin for a destination and consignment value
* ``hs.klasifikasi_hs`` — upper, outer sole and features → HS 2022 subheading and the rule that decided it
* ``aql.perencana_aql`` — lot, level, AQL → sampling plan, OC curve, accept/reject simulator
* ``sizes.konversi_ukuran`` — EU, UK/US and Mondopoint sizes
* ``swot.papan_swot`` — a SWOT board for module 7
"""
