/** Version of the detection engine, recorded with every result so stored assessments can be compared. */
export const ENGINE_VERSION = '0.1.0';
