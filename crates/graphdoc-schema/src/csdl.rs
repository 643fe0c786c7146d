//! CSDL (OData CSDL XML) reading and writing.
