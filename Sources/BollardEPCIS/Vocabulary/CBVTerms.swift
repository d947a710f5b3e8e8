// Term lists of the GS1 Core Business Vocabulary 2.0 as the EPCIS 2.0 JSON-LD context
// (https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld) scopes them. Generated once
// from that context; regenerate when GS1 publishes a new CBV.

/// The bare words the EPCIS 2.0 JSON-LD context accepts for each vocabulary-typed field (CBV 2.0 §7-§8).
enum CBVTerms {
    /// CBV 2.0 §7.1 business steps (`https://ref.gs1.org/cbv/BizStep-…`).
    static let bizSteps: Set<String> = [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
        "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
        "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
        "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
        "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing",
        "transporting", "unloading", "unpacking", "void_shipping",
    ]
    /// CBV 2.0 §7.2 dispositions (`https://ref.gs1.org/cbv/Disp-…`).
    static let dispositions: Set<String> = [
        "active", "available", "completeness_verified", "completeness_inferred", "conformant",
        "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed",
        "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_instance",
        "mismatch_class", "mismatch_quantity", "needs_replacement", "no_pedigree_match",
        "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
        "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen",
        "unavailable", "unknown",
    ]
    /// CBV 2.0 §7.3 business transaction types (`https://ref.gs1.org/cbv/BTT-…`).
    static let bizTransactionTypes: Set<String> = [
        "bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma",
        "testprd", "testres", "upevt",
    ]
    /// CBV 2.0 §7.4 source/destination types (`https://ref.gs1.org/cbv/SDT-…`).
    static let sourceDestinationTypes: Set<String> = [
        "owning_party", "possessing_party", "location",
    ]
    /// CBV 2.0 §7.5 error reasons (`https://ref.gs1.org/cbv/ER-…`).
    static let errorReasons: Set<String> = [
        "did_not_occur", "incorrect_data",
    ]
    /// CBV 2.0 §7.7 sensor components (`https://ref.gs1.org/cbv/Comp-…`).
    static let sensorComponents: Set<String> = [
        "x", "y", "z", "axial_distance", "azimuth", "height", "spherical_radius", "polar_angle",
        "elevation_angle", "easting", "northing", "latitude", "longitude", "altitude",
    ]
    /// GS1 Web Vocabulary measurement types for sensorReport `type` (`https://gs1.org/voc/…`).
    static let measurementTypes: Set<String> = [
        "AbsoluteHumidity", "AbsorbedDose", "AbsorbedDoseRate", "Acceleration", "Radioactivity",
        "Altitude", "AmountOfSubstance", "AmountOfSubstancePerUnitVolume", "Angle",
        "AngularAcceleration", "AngularMomentum", "AngularVelocity", "Area", "Capacitance",
        "Conductance", "Conductivity", "Count", "Density", "Dimensionless", "DoseEquivalent",
        "DoseEquivalentRate", "DynamicViscosity", "ElectricCharge", "ElectricCurrent",
        "ElectricCurrentDensity", "ElectricFieldStrength", "Energy", "Exposure", "Force",
        "Frequency", "Illuminance", "Inductance", "Irradiance", "KinematicViscosity", "Length",
        "LinearMomentum", "Luminance", "LuminousFlux", "LuminousIntensity", "MagneticFlux",
        "MagneticFluxDensity", "MagneticVectorPotential", "Mass", "MassConcentration",
        "MassFlowRate", "MassPerAreaTime", "MemoryCapacity", "MolalityOfSolute", "MolarEnergy",
        "MolarMass", "MolarVolume", "Power", "Pressure", "RadiantFlux", "RadiantIntensity",
        "RelativeHumidity", "Resistance", "Resistivity", "SolidAngle", "SpecificVolume", "Speed",
        "SurfaceDensity", "SurfaceTension", "Temperature", "Time", "Torque", "Voltage", "Volume",
        "VolumeFlowRate", "VolumeFraction", "VolumetricFlux", "Wavenumber",
    ]
    /// GS1 Web Vocabulary sensor alerts for sensorReport `exception` (`https://gs1.org/voc/…`).
    static let sensorAlertTypes: Set<String> = [
        "ALARM_CONDITION", "ERROR_CONDITION",
    ]
}
